// The command line of `npm run bench -- [options]`, parsed once into a frozen BenchOptions.

export interface BenchOptions {
  /** Scenario names to run; empty runs all. */
  only: readonly string[];
  /** Server names to run against; empty runs all that exist. */
  servers: readonly string[];
  /** Reader counts for the fan-out scenario. */
  fanoutReaders: readonly number[];
  /** Seconds of typing per fan-out case. */
  typingSeconds: number;
  /** Fan-out rounds: every server runs every case this often, taking turns; the table shows the median round. */
  rounds: number;
  /** Timed cold loads per server, and timed exports per format (the median is reported). */
  coldLoadRuns: number;
  /** Scale-out: passive readers, split evenly over the instances. */
  scaleOutReaders: number;
  /** Scale-out: writers into the one document, split evenly over the instances. */
  scaleOutWriters: number;
  /** Scale-out: updates per second each writer sends. */
  scaleOutRate: number;
  /** Scale-out: seconds of timed writing per case. */
  scaleOutSeconds: number;
  /** Preload bench/server-probe.cjs into every server: when its sends leave, per relayed keystroke (fan-out). */
  probeSends: boolean;
  /** Where latest.json goes. */
  resultsPath: string;
  shouldShowHelp: boolean;
}

export const benchUsage = `Usage: npm run bench -- [options]

  --only <names>      comma-separated scenarios to run (default: all), e.g. --only fanout
  --servers <names>   comma-separated servers (default: all available): tandem, y-websocket-server, hocuspocus
  --readers <list>    fan-out reader counts (default: 10,50,200)
  --seconds <s>       seconds of typing per fan-out case (default: 5)
  --rounds <k>        fan-out rounds; servers take turns each round, the median round is shown (default: 5)
  --runs <k>          timed cold loads per server, timed exports per format (default: 5)
  --scale-readers <n> scale-out readers (default: 50)
  --scale-writers <n> scale-out writers (default: 4)
  --scale-rate <r>    scale-out updates per second per writer (default: 50)
  --scale-seconds <s> seconds of timed writing per scale-out case (default: 10)
  --probe             fan-out: also time each server's sends from the inside (first and last send after the read);
                      wraps every socket write, so keep it out of runs whose latencies you compare
  --out <file>        results JSON (default: bench/results/latest.json)
  --help              this text`;

function parseList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function parsePositiveInts(flag: string, value: string): number[] {
  const numbers = parseList(value).map(Number);
  if (numbers.length === 0 || numbers.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error(`${flag} takes positive integers, got "${value}"`);
  }
  return numbers;
}

function parsePositiveInt(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${flag} takes a positive integer, got "${value}"`);
  return number;
}

function parsePositiveNumber(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${flag} takes a positive number, got "${value}"`);
  return number;
}

export function parseBenchOptions(argv: readonly string[], defaultResultsPath: string): BenchOptions {
  const options: BenchOptions = {
    only: [],
    servers: [],
    fanoutReaders: [10, 50, 200],
    typingSeconds: 5,
    rounds: 5,
    coldLoadRuns: 5,
    scaleOutReaders: 50,
    scaleOutWriters: 4,
    scaleOutRate: 50,
    scaleOutSeconds: 10,
    probeSends: false,
    resultsPath: defaultResultsPath,
    shouldShowHelp: false,
  };
  const problems: string[] = [];
  const setters: Record<string, (value: string, flag: string) => void> = {
    '--only': (value) => (options.only = parseList(value)),
    '--servers': (value) => (options.servers = parseList(value)),
    '--readers': (value, flag) => (options.fanoutReaders = parsePositiveInts(flag, value)),
    '--seconds': (value, flag) => (options.typingSeconds = parsePositiveNumber(flag, value)),
    '--rounds': (value, flag) => (options.rounds = parsePositiveInt(flag, value)),
    '--runs': (value, flag) => (options.coldLoadRuns = parsePositiveInts(flag, value)[0] ?? options.coldLoadRuns),
    '--scale-readers': (value, flag) => (options.scaleOutReaders = parsePositiveInt(flag, value)),
    '--scale-writers': (value, flag) => (options.scaleOutWriters = parsePositiveInt(flag, value)),
    '--scale-rate': (value, flag) => (options.scaleOutRate = parsePositiveNumber(flag, value)),
    '--scale-seconds': (value, flag) => (options.scaleOutSeconds = parsePositiveNumber(flag, value)),
    '--out': (value) => (options.resultsPath = value),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      options.shouldShowHelp = true;
      continue;
    }
    if (arg === '--probe') {
      options.probeSends = true;
      continue;
    }
    const equals = arg.indexOf('=');
    const [flag, inlineValue] = equals > 0 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
    const set = setters[flag];
    if (!set) {
      problems.push(flag.startsWith('-') ? `unknown option ${flag}` : `unexpected argument ${flag}`);
      continue;
    }
    const value = inlineValue ?? argv[++i];
    if (value === undefined) {
      problems.push(`${flag} needs a value`);
      continue;
    }
    try {
      set(value, flag);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length > 0) throw new Error(`${problems.join('; ')}\n\n${benchUsage}`);
  return Object.freeze(options);
}
