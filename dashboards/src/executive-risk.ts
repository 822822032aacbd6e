import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { DashboardBuilder, TimePickerBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TextPanel, TextMode } from '@grafana/grafana-foundation-sdk/text';
import { at, lockstepDashboardsLink } from './panels';
import { withoutSdkPlacements } from './sdk-defaults';
import { EXECUTIVE_RISK_UID } from './uids';
import {
  byBusinessService,
  changeRelated,
  coverage,
  incidentsOverTime,
  openByService,
  openBySeverity,
  riskExposure,
  timeToResolve,
  unmanagedAssets,
} from './executive/panels';

/**
 * Words used throughout: a "security-related slowdown" is Lockstep's correlated incident (a CPU or latency spike
 * tied to security signals on the same machine, score 0.5 or more), said without the jargon.
 */
const INTRODUCTION = `Lockstep watches every machine from two sides at once: **how hard it is working** (processor load, response times) and **what the security tools report** about it.

When a machine suddenly gets much busier or slower than it normally is, *and* security tools report suspicious activity on that same machine at the same time, Lockstep links the two into one **security-related slowdown**. It can mean a machine is being misused — for example to mine cryptocurrency — which costs money and slows customers down, and is a security problem as well.

- **Open** means the slowdown is still going on, or ended too recently to be sure it is over.
- **Business service** and **tier** come from the service catalogue, the list of what each system means to the business (tier 1 is the most critical).
- Figures cover the period chosen at the top right, unless a panel says otherwise.
- For the technical detail behind any figure, the on-call team uses the *Lockstep on-call* dashboard.`;

function introduction() {
  return new TextPanel()
    .id(1)
    .gridPos(at(0, 0, 24, 6))
    .title('About this dashboard')
    .description('What the figures on this dashboard mean, in plain words.')
    .mode(TextMode.Markdown)
    .content(INTRODUCTION);
}

/** The executive dashboard: the security-related slowdowns Lockstep found, in business language. */
export function executiveRiskDashboard(): Dashboard {
  const builder = new DashboardBuilder('Lockstep executive risk')
    .uid(EXECUTIVE_RISK_UID)
    .id(null)
    .description(
      'Security-related slowdowns across the estate in business terms: how many are open and how serious, which ' +
        'services they touch, how fast they are resolved, how much of the estate is managed, and how many ' +
        'slowdowns follow a change.',
    )
    .tags(['lockstep', 'security', 'executive'])
    .time({ from: 'now-30d', to: 'now' })
    .refresh('5m')
    .timepicker(new TimePickerBuilder().refreshIntervals(['5m', '15m', '1h']))
    .readonly()
    .link(lockstepDashboardsLink());
  const panels = [
    introduction(),
    openBySeverity(),
    riskExposure(),
    coverage(),
    openByService(),
    incidentsOverTime(),
    ...timeToResolve(),
    byBusinessService(),
    unmanagedAssets(),
    changeRelated(),
  ];
  for (const panel of panels) builder.withPanel(panel);
  return withoutSdkPlacements(builder.build());
}
