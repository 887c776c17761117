#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so a fresh `npm ci` needs no build step before `npm start`.
import { register } from 'tsx/esm/api'

register()
await import('../src/main.ts')
