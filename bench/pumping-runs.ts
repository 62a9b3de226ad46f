import {
  mainlandMobile,
  mobileNumbersOfEveryRegion,
  numbersOfBlock,
  premiumRateNumbers,
  seededRandom,
  sequentialNumbers,
  type Random,
} from './pumping-numbers.js';

/**
 * The runs of `npm run bench:pumping`, as data: who asks for codes, from which address, for which
 * number. Attack runs are what SMS pumping looks like; legitimate runs are traffic the defaults
 * must let through untouched. Every run is seeded, so two benches differ only by the code.
 */

/** One request for a code, as Logto hands it to the connector (`ip` as Logto reads it). */
export type PumpingSend = {
  /** E.164, e.g. +8613812345678. */
  to: string;
  ip: string;
  /** The legitimate user asking (an index within the run); absent in attack runs. */
  user?: number;
};

/** Which service the run hits: it picks the README's suggested settings for the run. */
export type Audience = 'mainland' | 'global';

export type PumpingRun = {
  id: string;
  title: string;
  kind: 'attack' | 'legitimate';
  audience: Audience;
  /** How the run is made, for the report. */
  how: string;
  /** Sends in flight at once: pumping comes in bursts. */
  inFlight: number;
  sends: PumpingSend[];
  /** Legitimate runs: how many different users ask. */
  users?: number;
};

/** Sizes: the full run, or a quick smoke run with the large legitimate runs cut down. */
export type RunSizes = { cgnatUsers: number; perRegion: number; rotations: number };
export const fullSizes: RunSizes = { cgnatUsers: 3000, perRegion: 3, rotations: 300 };
export const quickSizes: RunSizes = { cgnatUsers: 300, perRegion: 1, rotations: 100 };

/** First octets of large public IPv4 allocations (residential and hosting alike). */
const publicFirstOctets = [
  1, 2, 5, 14, 23, 27, 31, 36, 37, 39, 41, 42, 45, 46, 49, 58, 59, 60, 61, 77, 78, 79, 80, 81, 82, 83,
  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 101, 103, 106, 110, 111, 112, 113, 114, 115, 116, 117,
  118, 119, 120, 121, 122, 123, 124, 125, 175, 176, 177, 178, 179, 180, 181, 182, 183, 185, 186, 187,
  188, 189, 190, 193, 194, 195, 196, 197, 200, 201, 202, 210, 211, 212, 213, 217, 218, 219, 220, 221,
];

const byte = (random: Random) => Math.floor(random() * 256);
const group = (random: Random) => Math.floor(random() * 0x1_00_00).toString(16);

/** A random public IPv4 address. */
const randomIpv4 = (random: Random) =>
  `${publicFirstOctets[Math.floor(random() * publicFirstOctets.length)]!}.${byte(random)}.${byte(random)}.${Math.max(1, byte(random))}`;

/** A random address in a random residential IPv6 /64 (2400::/12, APNIC's). */
const randomIpv6 = (random: Random) =>
  `24${(Math.floor(random() * 16)).toString(16)}${Math.floor(random() * 16).toString(16)}:${group(random)}:${group(random)}:${group(random)}:${group(random)}:${group(random)}:${group(random)}:${group(random)}`;

/** `count` different IPv4 addresses, as many networks as addresses. */
const distinctIpv4 = (count: number, random: Random): string[] => {
  const addresses = new Set<string>();
  while (addresses.size < count) {
    addresses.add(randomIpv4(random));
  }
  return [...addresses];
};

/** Numbers spread over many blocks of UK mobile numbers: what a run that avoids a block limit uses. */
const spreadNumbers = (count: number, random: Random) => numbersOfBlock('+447', 9, count, random);

/**
 * Users who each ask for one code, every `resendEvery`-th asking for a second one later in the
 * run (a code that did not arrive): each user keeps their number and address.
 */
const withResends = (users: Array<{ to: string; ip: string }>, resendEvery: number): PumpingSend[] => {
  const first = users.map((user, index) => ({ ...user, user: index }));
  const again = first.filter((_, index) => index % resendEvery === resendEvery - 1);
  // Resends come after everyone's first code, spread through the second half of the run.
  return [...first, ...again];
};

/** A run's own seed, from its id: each run draws the same numbers whichever runs are selected. */
const seedOf = (id: string) => [...id].reduce((seed, char) => (Math.imul(seed, 31) + char.charCodeAt(0)) >>> 0, 20_261_202);

type RunMaker = { id: string; make: (sizes: RunSizes, random: Random) => Omit<PumpingRun, 'id'> };

const blockFirst = '+447911123800';
const site = '2a0e:97c0:3e1';
const hostIpv4 = [198, 51, 100, 77] as const;
const sixToFour = `2002:${((hostIpv4[0] << 8) + hostIpv4[1]).toString(16)}:${((hostIpv4[2] << 8) + hostIpv4[3]).toString(16)}`;
const cgnatAddresses = ['117.136.38.141', '117.136.38.142', '117.136.39.17', '117.136.40.203'];

const makers: RunMaker[] = [
  {
    id: 'block',
    make: (_sizes, random) => {
      const block = sequentialNumbers(blockFirst, 400);
      const addresses = distinctIpv4(block.length, random);
      return {
        title: 'one block, sequential numbers, a new address each',
        kind: 'attack',
        audience: 'global',
        how: `${block.length} sequential UK mobile numbers (${block[0]} to ${block.at(-1)}), one block of all but the last four digits, each from a different IPv4 address`,
        inFlight: 8,
        sends: block.map((to, index) => ({ to, ip: addresses[index]! })),
      };
    },
  },
  {
    id: 'premium',
    make: (_sizes, random) => {
      const premium = premiumRateNumbers(200, random);
      const addresses = distinctIpv4(premium.length, random);
      return {
        title: 'premium-rate numbers',
        kind: 'attack',
        audience: 'global',
        how: `${premium.length} premium-rate numbers of 20 countries (each in a block of its own), each from a different IPv4 address`,
        inFlight: 8,
        sends: premium.map((to, index) => ({ to, ip: addresses[index]! })),
      };
    },
  },
  {
    id: 'ipv6-site',
    make: ({ rotations }, random) => ({
      title: 'one IPv6 /48, a new /64 each',
      kind: 'attack',
      audience: 'global',
      how: `${rotations} sends from ${rotations} /64s of one /48 (${site}::/48, as a tunnel broker or host hands out), numbers spread over many blocks`,
      inFlight: 8,
      sends: spreadNumbers(rotations, random).map((to, index) => ({ to, ip: `${site}:${index.toString(16)}::1` })),
    }),
  },
  {
    id: '6to4',
    make: ({ rotations }, random) => ({
      title: '6to4 from one IPv4 host',
      kind: 'attack',
      audience: 'global',
      how: `${rotations} sends from ${rotations} /64s of ${sixToFour}::/48, the 6to4 prefix of the one IPv4 host ${hostIpv4.join('.')}, numbers spread over many blocks`,
      inFlight: 8,
      sends: spreadNumbers(rotations, random).map((to, index) => ({ to, ip: `${sixToFour}:${index.toString(16)}::1` })),
    }),
  },
  {
    id: 'forged-xff',
    make: ({ rotations }, random) => ({
      title: 'forged X-Forwarded-For',
      kind: 'attack',
      audience: 'global',
      how: `${rotations} sends whose \`ip\` is what the client wrote leftmost in X-Forwarded-For (Logto with the header trusted): a random address each, one in five IPv6; numbers spread over many blocks`,
      inFlight: 8,
      sends: spreadNumbers(rotations, random).map((to, index) => ({
        to,
        ip: index % 5 === 4 ? randomIpv6(random) : randomIpv4(random),
      })),
    }),
  },
  {
    id: 'cgnat',
    make: ({ cgnatUsers }, random) => {
      const users = Array.from({ length: cgnatUsers }, (_, index) => ({
        to: mainlandMobile(random),
        ip: cgnatAddresses[index % cgnatAddresses.length]!,
      }));
      return {
        title: 'mainland users behind CGNAT',
        kind: 'legitimate',
        audience: 'mainland',
        how: `${users.length} users with random mainland mobile numbers behind ${cgnatAddresses.length} carrier-grade NAT addresses; every tenth asks for a second code`,
        inFlight: 8,
        sends: withResends(users, 10),
        users: users.length,
      };
    },
  },
  {
    id: 'international',
    make: ({ perRegion }, random) => {
      const users = mobileNumbersOfEveryRegion(perRegion, random).map(({ e164 }, index) => ({
        to: e164,
        ip: index % 2 === 0 ? randomIpv4(random) : randomIpv6(random),
      }));
      return {
        title: 'international users, every region',
        kind: 'legitimate',
        audience: 'global',
        how: `${users.length} users with mobile numbers of every region libphonenumber knows (up to ${perRegion} each), each from their own address (half IPv4, half IPv6); every tenth asks for a second code`,
        inFlight: 8,
        sends: withResends(users, 10),
        users: users.length,
      };
    },
  },
  {
    id: 'office',
    make: (_sizes, random) => {
      const users = numbersOfBlock('+861381234', 4, 15, random).map((to) => ({ to, ip: '203.0.113.45' }));
      return {
        title: "one office's block",
        kind: 'legitimate',
        audience: 'mainland',
        how: `${users.length} colleagues with numbers of one block (${users[0]!.to.slice(0, -4)}xxxx) behind the office's one IPv4 address; two ask for a second code`,
        inFlight: 4,
        sends: withResends(users, 7),
        users: users.length,
      };
    },
  },
];

/** Every run id, in report order. */
export const runIds = makers.map((maker) => maker.id);

/** The runs with the given ids (all when absent), each drawn from its own seed. */
export const pumpingRuns = (sizes: RunSizes, only?: readonly string[]): PumpingRun[] =>
  makers
    .filter((maker) => !only || only.includes(maker.id))
    .map((maker) => ({ id: maker.id, ...maker.make(sizes, seededRandom(seedOf(maker.id))) }));
