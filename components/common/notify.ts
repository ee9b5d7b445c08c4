/** Attention signals shared by the console: a short tone and a browser notification. */

export function playTone(): void {
  try {
    const context = new AudioContext();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.4);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 0.4);
  } catch {
    // Audio can be blocked until the person interacts with the page; the notification still shows.
  }
}

/** A browser notification, only when the person allowed them; clicking it focuses the page. */
export function showBrowserNotification(title: string, body: string, tag: string, onClick?: () => void): void {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  const notification = new Notification(title, { body: body.slice(0, 140), tag });
  notification.onclick = () => {
    window.focus();
    onClick?.();
  };
}
