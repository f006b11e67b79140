// vega-lite's types sit behind its package `exports`, which this project's `moduleResolution: node`
// does not read; this points the module name at them (types only: nothing here exists at run time).
declare module 'vega-lite' {
  export * from 'vega-lite/build/index';
}
