/** A bare reference server in its own process (B1's socket.io server, the ceilings): started, read its port, stopped. */
import { spawn } from "node:child_process";
import { join } from "node:path";

export interface ChildServer {
  port: number;
  stop: () => void;
}

/** Runs bench/<script> with tsx and this process's environment; the script prints `port=N` once it listens. */
export async function startChildServer(root: string, script: string): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "bench", script)], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const stop = () => void child.kill("SIGTERM");
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script} did not start within 20 s`)), 20_000);
      child.once("exit", (code) => reject(new Error(`${script} exited (${code}) before it listened`)));
      child.stdout!.on("data", (chunk: Buffer) => {
        const match = /port=(\d+)/.exec(chunk.toString());
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
    });
    return { port, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
