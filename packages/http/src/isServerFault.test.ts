import { expect, it } from 'vitest'
import { HttpError } from './HttpError.js'
import { isServerFault } from './isServerFault.js'

it('counts 5xx but 503 as server faults', () => {
  const faults = [400, 404, 429, 500, 502, 503].filter((status) => isServerFault(new HttpError(status, 'x')))
  expect(faults).toEqual([500, 502])
})
