/** Address and place search, reverse geocoding, and the standard-address import: all local. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  GeocodeSearchDto,
  GeocodeSearchQuery,
  ReverseGeocodeDto,
  ReverseGeocodeQuery,
  StandardAddressImportBody,
  StandardAddressImportDto,
  StandardAddressImportQuery,
} from '@dispatch/contracts';
import { domainError, DomainErrorException, type LngLat } from '@dispatch/domain';
import { actorOf, errorResponses } from './actor.js';

/** `near=lng,lat` (the schema checked its form; the ranges are checked here). */
function nearOf(text: string | undefined): LngLat | null {
  if (text === undefined) return null;
  const [lng, lat] = text.split(',').map((s) => Number(s.trim())) as [number, number];
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90)
    throw new DomainErrorException(
      domainError('VALIDATION_FAILED', 'querystring.near must be lng,lat within -180..180, -90..90', {
        field: 'querystring.near',
      }),
    );
  return [lng, lat];
}

const geocodeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { gazetteer } = app.services;

  app.get(
    '/geocode/search',
    {
      preHandler: app.requirePermission('geocode.read'),
      schema: {
        tags: ['geocode'],
        description:
          'Places, addresses, roads, junctions (「A路与B路交叉口」, 「A路B路口」, 「A / B」) and standard addresses matching what was typed: partial, traditional or simplified, pinyin or initials, one typo; ranked by match, then by distance to `near`.',
        querystring: GeocodeSearchQuery,
        response: { 200: GeocodeSearchDto, ...errorResponses },
      },
    },
    async (request) => ({
      hits: gazetteer.search(request.query.q, nearOf(request.query.near), request.query.limit ?? 10),
    }),
  );

  app.get(
    '/geocode/reverse',
    {
      preHandler: app.requirePermission('geocode.read'),
      schema: {
        tags: ['geocode'],
        description:
          'The nearest named road and the nearest place (or junction) for a point: 「X路, 近Y (50 米)」.',
        querystring: ReverseGeocodeQuery,
        response: { 200: ReverseGeocodeDto, ...errorResponses },
      },
    },
    async (request) => gazetteer.reverse([request.query.lng, request.query.lat]),
  );

  app.post(
    '/geocode/standard-addresses',
    {
      preHandler: app.requirePermission('grid.import'),
      bodyLimit: 60 * 1024 * 1024,
      schema: {
        tags: ['geocode'],
        description:
          "Imports the centre's standard-address list (标准地址) from CSV (name/名称, address/地址, aliases/别名, lng/经度, lat/纬度, key_place/重点部位, code/编码): every bad row is reported with its row, column and reason; good rows are upserted by code unless strict, and nothing is written on a dry run.",
        querystring: StandardAddressImportQuery,
        body: StandardAddressImportBody,
        response: { 200: StandardAddressImportDto, ...errorResponses },
      },
    },
    async (request) => gazetteer.importStandardAddresses(request.body.csv, request.query, actorOf(request)),
  );
};

export default geocodeRoutes;
