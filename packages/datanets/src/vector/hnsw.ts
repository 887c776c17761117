import hnswlib from 'hnswlib-node'

// hnswlib-node is a CommonJS native addon: Node's ESM loader cannot see its named exports, only the default.
export const { HierarchicalNSW } = hnswlib
export type HierarchicalNSW = InstanceType<typeof hnswlib.HierarchicalNSW>
