/** Small stroke icons of the widget and the contacts sidebar (decorative: buttons carry aria-labels). */
const base = { "aria-hidden": true, viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 2, strokeLinecap: "round", strokeLinejoin: "round" } as const;

export const MessageIcon = ({ className = "h-4 w-4" }: { className?: string }) => (
  <svg {...base} className={className}><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" /></svg>
);
export const PhoneIcon = ({ className = "h-4 w-4" }: { className?: string }) => (
  <svg {...base} className={className}><path d="M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1.9.4 1.8.7 2.7a2 2 0 0 1-.5 2.1L8 9.8a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.7.7a2 2 0 0 1 1.7 2z" /></svg>
);
export const PeopleIcon = ({ className = "h-4 w-4" }: { className?: string }) => (
  <svg {...base} className={className}><path d="M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2" /><circle cx="9" cy="7" r="4" /><path d="M23 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8" /></svg>
);
export const MoreIcon = ({ className = "h-4 w-4" }: { className?: string }) => (
  <svg {...base} className={className}><circle cx="5" cy="12" r="1" /><circle cx="12" cy="12" r="1" /><circle cx="19" cy="12" r="1" /></svg>
);
export const MinimizeIcon = ({ className = "h-4 w-4" }: { className?: string }) => (
  <svg {...base} className={className}><path d="M5 12h14" /></svg>
);
export const ExpandIcon = ({ className = "h-4 w-4" }: { className?: string }) => (
  <svg {...base} className={className}><path d="M18 15l-6-6-6 6" /></svg>
);
export const CloseIcon = ({ className = "h-4 w-4" }: { className?: string }) => (
  <svg {...base} className={className}><path d="M18 6 6 18M6 6l12 12" /></svg>
);
export const ComposeIcon = ({ className = "h-4 w-4" }: { className?: string }) => (
  <svg {...base} className={className}><path d="M12 20h9" /><path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z" /></svg>
);
