/**
 * The request field a validation issue points at, written as OpenAI's `param`: `messages[0].content` from the
 * path `['messages', 0, 'content']`; `null` for the body itself.
 *
 * @example
 * paramOf(['messages', 0, 'role']) // 'messages[0].role'
 */
export function paramOf(path: readonly PropertyKey[]): string | null {
  const param = path.reduce<string>(
    (name, key) =>
      typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key),
    '',
  )
  return param === '' ? null : param
}
