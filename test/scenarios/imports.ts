/** The project's own code, through the packages' entry points (source under tsx and jest alike: tsconfig paths). */
export { CORRELATED_SCORE } from '@lockstep/contract';
export { replay, sameContainer } from '@lockstep/correlator';
