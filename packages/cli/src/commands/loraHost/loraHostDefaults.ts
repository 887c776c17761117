/** What `lora-host`, `up` and `adapter train` assume of the serving host unless told otherwise. */
export const loraHostDefaults = { maxBatch: 32, resident: 32, maxRank: 16 }
