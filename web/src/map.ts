// The live topology map (cytoscape): hubs and spokes, static and dynamic tunnels coloured by state. Positions are
// computed here, each hub with its spokes around it in a sunflower, so a thousand spokes lay out at once and keep
// their place when the map is refreshed; search, zoom and grouping by hub (compound nodes) work on the same graph.

import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import type { Severity, StoredFinding, Topology, TopologyEdge, TunnelEvent } from './types.js';

/** Bring-up order, as the server ranks it: the earlier a state, the further the tunnel is from up. */
const STATE_ORDER = ['DOWN', 'INTF', 'BFD', 'IKE', 'IPSEC', 'NHRP', 'UP'];

export const STATE_COLOURS: Record<string, string> = {
  UP: '#2ca02c',
  NHRP: '#e6b800',
  IPSEC: '#ff7f0e',
  IKE: '#ff7f0e',
  BFD: '#d62728',
  INTF: '#d62728',
  DOWN: '#d62728',
};
const OTHER_COLOUR = '#8c8c8c';
const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '#d62728',
  major: '#ff7f0e',
  minor: '#e6b800',
  info: '#1f77b4',
};
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, major: 1, minor: 2, info: 3 };

const rank = (state: string): number => Math.max(0, STATE_ORDER.indexOf(state));

function worstState(edge: TopologyEdge): string {
  return edge.ends.reduce((a, b) => (rank(b.state) < rank(a.state) ? b : a)).state;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const SPOKE_SPACING = 46;
const MAX_FIT_ZOOM = 1.2;

/** Each spoke's hub: the first hub (by name) it has a static tunnel with. */
function hubOf(topology: Topology): Map<string, string> {
  const hubs = new Set(topology.nodes.filter((node) => node.role === 'hub').map((node) => node.id));
  const owner = new Map<string, string>();
  for (const edge of topology.edges) {
    if (edge.kind !== 'static') continue;
    const [hub, spoke] = hubs.has(edge.source) ? [edge.source, edge.target] : [edge.target, edge.source];
    if (!hubs.has(hub) || hubs.has(spoke)) continue;
    const known = owner.get(spoke);
    if (known === undefined || hub < known) owner.set(spoke, hub);
  }
  return owner;
}

function positions(topology: Topology, owner: Map<string, string>): Map<string, { x: number; y: number }> {
  const groups = new Map<string, string[]>();
  for (const node of topology.nodes) {
    if (node.role === 'hub') {
      if (!groups.has(node.id)) groups.set(node.id, []);
      continue;
    }
    const hub = owner.get(node.id) ?? '';
    groups.set(hub, [...(groups.get(hub) ?? []), node.id]);
  }
  const placed = new Map<string, { x: number; y: number }>();
  let x = 0;
  for (const [hub, spokes] of [...groups].sort(([a], [b]) =>
    a === '' ? 1 : b === '' ? -1 : a.localeCompare(b),
  )) {
    const radius = SPOKE_SPACING * Math.sqrt(spokes.length + 1) + 60;
    x += radius;
    if (hub !== '') placed.set(hub, { x, y: 0 });
    spokes.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    spokes.forEach((spoke, index) => {
      const r = SPOKE_SPACING * Math.sqrt(index + 1) + 60;
      const angle = index * GOLDEN_ANGLE;
      placed.set(spoke, { x: x + r * Math.cos(angle), y: r * Math.sin(angle) });
    });
    x += radius + 120;
  }
  return placed;
}

/** Whether setting `next` would change anything: a refresh of a large map touches only what moved. */
function changed(current: Record<string, unknown>, next: Record<string, unknown>): boolean {
  return Object.entries(next).some(([key, value]) => current[key] !== value);
}

export class TopologyMap {
  readonly cy: Core;
  private topology: Topology | null = null;
  /** `device|peer address` to the edge whose end that device is. */
  private readonly ends = new Map<string, TopologyEdge>();
  private owner = new Map<string, string>();
  private grouped = false;

  constructor(container: HTMLElement, onSelect: (device: string) => void) {
    this.cy = cytoscape({
      container,
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      style: [
        {
          selector: 'node',
          style: {
            width: 18,
            height: 18,
            'background-color': '#5b8def',
            label: 'data(label)',
            'font-size': 9,
            color: '#dde3ea',
            'text-valign': 'bottom',
            'text-margin-y': 3,
            'min-zoomed-font-size': 7,
            'border-width': 0,
          },
        },
        {
          selector: 'node[role = "hub"]',
          style: {
            width: 40,
            height: 40,
            shape: 'round-rectangle',
            'background-color': '#9467bd',
            'font-size': 13,
          },
        },
        { selector: 'node[role = "unknown"]', style: { 'background-color': OTHER_COLOUR, shape: 'diamond' } },
        {
          selector: 'node[severity]',
          style: { 'border-width': 4, 'border-color': 'data(severityColour)' },
        },
        {
          selector: 'node.group',
          style: {
            'background-opacity': 0.06,
            'background-color': '#9467bd',
            'border-width': 1,
            'border-color': '#6a5a8c',
            label: 'data(label)',
            'text-valign': 'top',
            'font-size': 16,
            shape: 'round-rectangle',
          },
        },
        {
          selector: 'edge',
          style: {
            width: 2,
            'line-color': 'data(colour)',
            'curve-style': 'straight',
            opacity: 0.85,
          },
        },
        { selector: 'edge[kind = "dynamic"]', style: { 'line-style': 'dashed', width: 1.5 } },
        { selector: 'edge[!up]', style: { width: 4, 'z-index': 10 } },
        { selector: '.match', style: { 'border-width': 5, 'border-color': '#ffffff', 'z-index': 20 } },
        { selector: '.faded', style: { opacity: 0.15 } },
        { selector: 'node:selected', style: { 'border-width': 5, 'border-color': '#00d0ff' } },
      ],
      layout: { name: 'preset' },
    });
    this.cy.on('tap', 'node', (event) => {
      const node = event.target as NodeSingular;
      if (!node.hasClass('group') && node.data('device')) onSelect(node.data('device') as string);
    });
  }

  /** Brings the map to this topology: elements added, updated in place, removed; new nodes placed. */
  render(topology: Topology): void {
    this.topology = topology;
    this.ends.clear();
    for (const edge of topology.edges)
      for (const end of edge.ends) {
        this.ends.set(`${end.device}|${end.peerNbma}`, edge);
        this.ends.set(`${end.device}|${end.peerTunnel}`, edge);
      }
    this.owner = hubOf(topology);
    const large = topology.nodes.length > 300;
    const cy = this.cy as Core & { options(): { textureOnViewport: boolean; hideEdgesOnViewport: boolean } };
    Object.assign(cy.options(), { textureOnViewport: large, hideEdgesOnViewport: large });
    const wanted = new Set<string>();
    const newNodes: ElementDefinition[] = [];
    this.cy.batch(() => {
      for (const node of topology.nodes) {
        wanted.add(node.id);
        const data = {
          id: node.id,
          label: node.device ?? node.id.replace(/^nbma:/, ''),
          role: node.role,
          device: node.device,
          nbma: node.nbma.join(' '),
          tunnel: node.tunnel.join(' '),
        };
        const existing = this.cy.getElementById(node.id);
        if (existing.empty()) newNodes.push({ group: 'nodes', data });
        else if (changed(existing.data(), data)) existing.data(data);
      }
      for (const edge of topology.edges) {
        wanted.add(edge.id);
        const data = this.edgeData(edge);
        const existing = this.cy.getElementById(edge.id);
        if (existing.nonempty() && changed(existing.data(), data)) existing.data(data);
      }
      this.cy
        .elements()
        .filter((element) => !element.hasClass('group') && !wanted.has(element.id()))
        .remove();
      if (newNodes.length > 0) {
        const placed = positions(topology, this.owner);
        this.cy.add(
          newNodes.map((node) => ({ ...node, position: placed.get(node.data.id!) ?? { x: 0, y: 0 } })),
        );
        this.cy
          .nodes()
          .not('.group')
          .forEach((node) => {
            const at = placed.get(node.id());
            if (at) node.position(at);
          });
      }
      this.cy.add(
        topology.edges
          .filter((edge) => this.cy.getElementById(edge.id).empty())
          .map((edge) => ({ group: 'edges' as const, data: this.edgeData(edge) })),
      );
    });
    if (this.grouped) this.group(true);
    if (newNodes.length > 0) this.fit();
  }

  private edgeData(edge: TopologyEdge) {
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      kind: edge.kind,
      state: edge.state,
      up: edge.up,
      colour: STATE_COLOURS[edge.state] ?? OTHER_COLOUR,
    };
  }

  /** One tunnel edge from the stream; false when the map does not know the tunnel (the topology is due). */
  applyTunnelEvent(event: TunnelEvent): boolean {
    const edge = this.ends.get(`${event.device}|${event.peer}`);
    if (!edge) return false;
    for (const end of edge.ends)
      if (end.device === event.device && (end.peerNbma === event.peer || end.peerTunnel === event.peer))
        end.state = event.to;
    edge.state = worstState(edge);
    edge.up = edge.ends.every((end) => end.state === 'UP');
    this.cy.getElementById(edge.id).data(this.edgeData(edge));
    return true;
  }

  /** Rings each device with the colour of its worst active finding. */
  markFindings(findings: readonly StoredFinding[]): void {
    const worst = new Map<string, Severity>();
    for (const finding of findings) {
      const known = worst.get(finding.device);
      if (!known || SEVERITY_RANK[finding.severity] < SEVERITY_RANK[known])
        worst.set(finding.device, finding.severity);
    }
    this.cy.batch(() => {
      this.cy
        .nodes()
        .not('.group')
        .forEach((node) => {
          const severity = worst.get(node.id());
          if (severity) node.data({ severity, severityColour: SEVERITY_COLOURS[severity] });
          else node.removeData('severity severityColour');
        });
    });
  }

  /** Highlights the devices whose name or addresses contain the text and zooms to them; returns how many. */
  search(text: string): number {
    const needle = text.trim().toLowerCase();
    this.cy.elements().removeClass('match faded');
    if (needle === '') return 0;
    const matches = this.cy
      .nodes()
      .not('.group')
      .filter((node) =>
        [node.data('label'), node.data('nbma'), node.data('tunnel')].some((value) =>
          String(value ?? '')
            .toLowerCase()
            .includes(needle),
        ),
      );
    if (matches.empty()) return 0;
    this.cy.elements().not(matches.closedNeighborhood()).addClass('faded');
    matches.addClass('match');
    this.cy.animate({ fit: { eles: matches.closedNeighborhood(), padding: 60 } }, { duration: 300 });
    return matches.length;
  }

  focus(device: string): void {
    const node = this.cy.getElementById(device);
    if (node.empty()) return;
    this.cy.nodes().unselect();
    node.select();
    this.cy.animate({ center: { eles: node }, zoom: Math.max(this.cy.zoom(), 1) }, { duration: 300 });
  }

  /** Puts each hub and its spokes in a box of their own (compound nodes), or takes them out again. */
  group(on: boolean): void {
    this.grouped = on;
    this.cy.batch(() => {
      if (!on) {
        this.cy.nodes().not('.group').move({ parent: null });
        this.cy.nodes('.group').remove();
        return;
      }
      for (const hub of this.cy.nodes('[role = "hub"]')) {
        const id = `group:${hub.id()}`;
        if (this.cy.getElementById(id).empty())
          this.cy.add({ group: 'nodes', data: { id, label: hub.id() }, classes: 'group' });
      }
      this.cy
        .nodes()
        .not('.group')
        .forEach((node) => {
          const hub = node.data('role') === 'hub' ? node.id() : this.owner.get(node.id());
          const parent = hub ? `group:${hub}` : null;
          if ((node.parent().first().id() || null) !== parent) node.move({ parent });
        });
    });
  }

  /** The whole network in view, without blowing a small one up to giant nodes. */
  fit(): void {
    this.cy.fit(undefined, 30);
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center();
    }
  }

  /** Tunnels by state, for the header. */
  counts(): { up: number; down: number; total: number } {
    const edges = this.topology?.edges ?? [];
    const up = edges.filter((edge) => edge.up).length;
    return { up, down: edges.length - up, total: edges.length };
  }
}
