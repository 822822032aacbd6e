/** The project's own code, imported from source so the generator runs under tsx and jest alike. */
export { CORRELATED_SCORE } from '../../collectors/contract/src/validate';
export { sameContainer } from '../../collectors/correlator/src/model/container';
export { replay } from '../../collectors/correlator/src/replay/run';
