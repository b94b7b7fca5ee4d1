// Names for the bodies of the HTTP API, read from the types generated from the server's OpenAPI document
// (schema.d.ts, `npm run api:types`): the console declares no shape of its own. `Ok<'/api/v1/…', 'get'>` is the
// JSON of a route's successful answer, `JsonBody` the JSON it takes, `Query` its query string.
import type { components, paths } from './schema.js';

export type { components, paths };
export type Path = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends Path, M extends Method> = NonNullable<paths[P][M & keyof paths[P]]>;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Success<R> = R extends { 200: infer S } ? S : R extends { 201: infer S } ? S : never;

/** The JSON body of a route's successful answer (200, or 201 for a route that creates). */
export type Ok<P extends Path, M extends Method = 'get'> = JsonOf<Success<Operation<P, M> extends { responses: infer R } ? R : never>>;

/** The JSON body a route takes. */
export type JsonBody<P extends Path, M extends Method> = Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** A route's query string, as its parameters. */
export type Query<P extends Path, M extends Method = 'get'> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The one error body every refusal carries (with an area's own fields on some routes). */
export type ErrorBody = import('./schema.js').components['schemas']['ErrorBody'];
