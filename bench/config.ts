/** Sizes of a run: the (default) and a smaller --quick one for iterating. */
export interface BenchConfig {
  mode: "quick" | "full";
  agents: number;
  conversations: number;
  rate: number;
  seconds: number;
  smsConversations: number;
  smsRate: number;
  smsSeconds: number;
  burst: number;
  /** The burst stops issuing sends after this long. */
  burstSeconds: number;
  providerMs: number;
  race: number;
  /** Races in a row, each on fresh cards: the first (cold) is judged, the rest show the pick path warm; as many against the minimal reference server. */
  raceRuns: number;
  headroomRates: number[];
  headroomStepSeconds: number;
  stormSeconds: number;
  seedConversations: number;
  seedPerConversation: number;
  ownConversations: number;
  ownMessages: number;
  consoleRequests: number;
  b1RoundTrips: number;
  b2Seconds: number;
  b3Sequential: number;
  b3Bulk: number;
  b4Requests: number;
}

const full: BenchConfig = {
  mode: "full",
  agents: 50,
  conversations: 200,
  rate: 40,
  seconds: 60,
  smsConversations: 100,
  smsRate: 20,
  smsSeconds: 30,
  burst: 5000,
  burstSeconds: 60,
  providerMs: 50,
  race: 1000,
  raceRuns: 5,
  headroomRates: [40, 80, 160, 240, 320, 480],
  headroomStepSeconds: 10,
  stormSeconds: 20,
  seedConversations: 10_000,
  seedPerConversation: 100,
  ownConversations: 20,
  ownMessages: 50,
  consoleRequests: 50,
  b1RoundTrips: 2000,
  b2Seconds: 5,
  b3Sequential: 500,
  b3Bulk: 10_000,
  b4Requests: 200,
};

const quick: BenchConfig = {
  ...full,
  mode: "quick",
  conversations: 50,
  rate: 20,
  seconds: 15,
  smsConversations: 30,
  smsRate: 10,
  smsSeconds: 10,
  burst: 1000,
  burstSeconds: 20,
  race: 200,
  headroomRates: [20, 40, 80, 160],
  headroomStepSeconds: 5,
  stormSeconds: 10,
  seedConversations: 1000,
  consoleRequests: 20,
  b1RoundTrips: 500,
  b2Seconds: 2,
  b3Sequential: 200,
  b3Bulk: 2000,
  b4Requests: 100,
};

export function configFrom(args: string[]): BenchConfig {
  return args.includes("--quick") ? quick : full;
}
