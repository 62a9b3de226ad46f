import type { Candidate, CandidateId } from './types.js';

/**
 * Each candidate's module is imported only in the process that runs it, so that one candidate's
 * imports (node:crypto, got…) never warm up another's import-time figure.
 */
export const loadCandidate = async (id: CandidateId): Promise<Candidate> => {
  switch (id) {
    case 'ours':
      return (await import('./ours.js')).ours;
    case 'official':
      return (await import('./official.js')).official;
    case 'sdk':
      return (await import('./sdk.js')).sdk;
    case 'floor':
      return (await import('./floor.js')).floor;
  }
};

export { candidateIds, type Candidate, type CandidateId, type Sender } from './types.js';
