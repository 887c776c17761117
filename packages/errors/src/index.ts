export { BaseError, type BaseErrorParameters, shortMessageOf } from './BaseError.js'
