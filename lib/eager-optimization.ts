/**
 * Imported first by the long-running processes (web, workers): V8 optimizes a function once it has run a
 * budget of bytecode, and with its default budget a freshly started process spent the first ~10 s of a burst
 * in unoptimized code. Bench probe, 5,000 texts right after 600 at 20/s: the first burst ran 315-378 texts/s
 * while each process made ~450 optimizations, the next 440-535 with ~50; with an 8x smaller budget the first
 * burst ran 404-428 texts/s. Set before the app's modules load: V8 reads it as functions start collecting
 * feedback.
 */
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--interrupt-budget=8192");
