export * from './autodiff/index.js'
export * from './lineage/index.js'
export * from './train/index.js'
