import { z } from 'zod';
import { AssetSchema, ChangeRecordSchema, FindingSchema } from '@lockstep/contract';
import { pageOf } from './page-schema';

/** Response bodies of the change, finding and asset routes, and the KPIs about them. */

export const ChangePageSchema = pageOf(ChangeRecordSchema);
export const FindingPageSchema = pageOf(FindingSchema);

export const AssetListSchema = z.object({
  items: z
    .array(AssetSchema)
    .meta({ description: 'Unmanaged assets first, then by kind (host, container, service) and name.' }),
  truncated: z.boolean().meta({ description: 'True when more assets exist past `limit`: narrow the query.' }),
  total: z.number().int().nonnegative().meta({ description: 'Assets seen in the range (whatever the filters).' }),
  unmanaged: z.number().int().nonnegative().meta({ description: 'Of those, the unmanaged ones.' }),
});

const count = z.number().int().nonnegative();

/** The KPIs about assets, changes and business services (fields of the /kpis answer). */
export const changeKpiShape = {
  unmanagedAssets: z.object({ total: count, unmanaged: count, percent: z.number().min(0).max(100).nullable() }).meta({
    description:
      'Hosts, containers and services seen in the range, and the unmanaged ones: seen only by operations (metrics) ' +
      'or only by security (signals), or gone silent on one side. percent is unmanaged / total × 100 (null: none seen).',
  }),
  changeRelated: z.object({ incidents: count, afterChange: count, rate: z.number().min(0).max(1).nullable() }).meta({
    description:
      'Incidents started in the range, and those that followed a change on their entity (a deploy, package, ' +
      'configuration or firewall change shortly before the spike): rate = afterChange / incidents, the change failure ' +
      'rate as Lockstep sees it (null: no incidents).',
  }),
  byBusinessService: z
    .array(
      z.object({
        service: z.string().nullable(),
        name: z.string().nullable(),
        tier: z.number().int().nullable(),
        incidents: count,
        open: count,
        riskExposure: z.number().nonnegative(),
        meanTimeToResolveMs: z.number().nonnegative().nullable(),
      }),
    )
    .meta({
      description:
        'Correlated incidents overlapping the range by the service catalogue’s business service (null: entities no ' +
        'entry names), the riskiest first: how many, how many are open, the risk exposure of the open ones, and the ' +
        'mean time to resolve of those resolved in the range.',
    }),
};
