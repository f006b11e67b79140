// How the flow forest is trained, shared by `npm run train:flows` and the detector's train mode, so a
// user's retrained model is made the same way as the shipped one.
import { CLASS_NAMES, FEATURE_COUNT, FLOW_FEATURES } from './features';
import { RandomForest, type ForestOptions } from './forest';

export const FLOW_FOREST_OPTIONS: ForestOptions = {
  // upstream 0.7.1: RandomForestClassifier(n_estimators=30, criterion='entropy')
  trees: 30,
  // scikit-learn's default for classifiers: floor(sqrt(9 features))
  maxFeatures: Math.floor(Math.sqrt(FEATURE_COUNT)),
  seed: 7,
};

/** A flow is Malware when more than half of the forest's vote says so (scikit-learn's predict). */
export const MALWARE_PROBABILITY = 0.5;

export function trainFlowForest(x: Float64Array, y: Uint8Array, options = FLOW_FOREST_OPTIONS): RandomForest {
  return RandomForest.train(x, y, { features: FLOW_FEATURES, classes: CLASS_NAMES }, options);
}
