/** The areas feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { areasHandlers, requireArea } from './handlers';
export { areaByCode, childAreas, findArea, listAreas, listPopulations, populationFor, populationsOf, storedPopulation, upsertArea, upsertPopulation } from './repo';
