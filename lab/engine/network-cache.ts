// What a simulation derives from a network alone, never from the second: who talks to whom, each router's life on
// the clock, each pair's verdicts and the OSPF elections. Built on demand, once per network, and shared by the
// simulations of every second; the network must not change while its cache is in use.

import type { TunnelInterfaceConfig } from '../model/config.js';
import type { LabNetwork } from '../model/network.js';
import { PairConditions } from './conditions.js';
import { backupDesignated } from './ospf-election.js';
import type { SpokeHubPair } from './topology.js';
import { Topology } from './topology.js';
import { Lives } from './underlay.js';

export class NetworkCache {
  readonly topology: Topology;
  readonly lives: Lives;
  private readonly conditions = new Map<SpokeHubPair, PairConditions>();
  private readonly backupDrs = new Map<TunnelInterfaceConfig, string | null>();

  constructor(readonly network: LabNetwork) {
    this.topology = new Topology(network);
    this.lives = new Lives(network);
  }

  /** The pair's conditions over time (its verdicts, current and past, and both routers' lives). */
  conditionsOf(pair: SpokeHubPair): PairConditions {
    let conditions = this.conditions.get(pair);
    if (!conditions) {
      conditions = new PairConditions(this.topology, this.lives, pair);
      this.conditions.set(pair, conditions);
    }
    return conditions;
  }

  /** The spoke the pair's hub tunnel elected OSPF BDR (one election per hub tunnel; only a hub shows it). */
  backupDrOf(pair: SpokeHubPair): string | null {
    const { hub, hubTunnel } = pair;
    if (!hub || !hubTunnel || hub.routing.protocol !== 'ospf' || hubTunnel.ospfNetwork !== 'broadcast')
      return null;
    let elected = this.backupDrs.get(hubTunnel);
    if (elected === undefined) {
      elected = backupDesignated(hub, hubTunnel, this.topology.pairsOfHub(hub));
      this.backupDrs.set(hubTunnel, elected);
    }
    return elected;
  }
}
