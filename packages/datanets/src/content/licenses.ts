import { UnknownLicenseError } from '../errors/contribution.js'

/**
 * Licenses a datanet or a row may carry (SPDX ids): open data and open source licenses that allow commercial
 * use, since paid agents answer from these rows. Non-commercial and no-derivatives licenses are left out.
 */
export const DATANET_LICENSES = [
  'CC0-1.0',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'ODC-By-1.0',
  'ODbL-1.0',
  'PDDL-1.0',
  'CDLA-Permissive-2.0',
  'CDLA-Sharing-1.0',
  'MIT',
  'Apache-2.0',
  'BSD-3-Clause',
  'Unlicense',
] as const

export type DatanetLicense = (typeof DATANET_LICENSES)[number]

const byLowerCase = new Map<string, DatanetLicense>(DATANET_LICENSES.map((id) => [id.toLowerCase(), id]))

/**
 * The SPDX id of an accepted license, matched without regard to case or surrounding spaces (`cc-by-4.0` →
 * `CC-BY-4.0`); anything else throws `UnknownLicenseError` listing the accepted ids.
 *
 * @example
 * resolveLicense('odc-by-1.0') // 'ODC-By-1.0'
 */
export function resolveLicense(license: string): DatanetLicense {
  const found = typeof license === 'string' ? byLowerCase.get(license.trim().toLowerCase()) : undefined
  if (!found) throw new UnknownLicenseError(String(license), DATANET_LICENSES)
  return found
}
