/** The areas feature as the rest of Boardpack sees it: other features and the hosts import only from here. */
export { areasHandlers, requireArea } from './handlers';
export { areaByCode, childAreas, findArea, listAreas, listPopulations, populationFor, populationsOf, storedPopulation, upsertArea, upsertPopulation } from './repo';
export { comparatorsFor } from './areas';
export { BoardError, createBoardWorkspace, describeNewBoard, titleFromFile } from './board';
export { ABOUT_CREDITS, GEOGRAPHY_ATTRIBUTION, loadGeography, type Geography } from './geography';
