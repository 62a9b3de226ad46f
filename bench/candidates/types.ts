/** One client under test, split so that the bench can time the import on its own. */
export type Candidate = {
  readonly id: CandidateId;
  readonly label: string;
  /** Imports what this candidate needs beyond Logto core's own packages. */
  readonly importModule: () => Promise<unknown>;
  /** Builds a sender from the imported module. */
  readonly setup: (module: unknown) => Promise<Sender>;
};

export type Sender = {
  /** One SendSms for one number; rejects unless Tencent (the stand-in) reported success. */
  readonly send: () => Promise<void>;
  /** The Logto factory call, when the candidate is a Logto connector. */
  readonly factory?: () => Promise<unknown>;
};

export const candidateIds = ['ours', 'official', 'sdk', 'floor'] as const;
export type CandidateId = (typeof candidateIds)[number];
