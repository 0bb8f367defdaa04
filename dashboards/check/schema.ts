// DESIGN.md's time-series schema, the contract between the samples dmvpn-watch writes and the dashboards' queries.

const COMMON_TAGS = ['device', 'role'];

const measurement = (tags: string[], fields: string[]) => ({ tags: [...COMMON_TAGS, ...tags], fields });

export const SCHEMA: Record<string, { tags: string[]; fields: string[] }> = {
  dmvpn_peer: measurement(
    ['interface', 'peer_nbma', 'peer_tunnel', 'peer_type'],
    ['state', 'up', 'uptime_s', 'entries'],
  ),
  dmvpn_summary: measurement(
    ['interface'],
    ['peers', 'peers_up', 'peers_nhrp', 'peers_ike', 'peers_ipsec', 'peers_down'],
  ),
  nhrp_nhs: measurement(['interface', 'nhs'], ['up', 'flags', 'req_sent', 'repl_recv']),
  nhrp_cache: measurement(['interface', 'target', 'nbma'], ['type', 'expires_s', 'flags']),
  // One integer field per counter of `show ip nhrp traffic`; the dashboards read these.
  nhrp_traffic: measurement(
    ['interface'],
    ['reg_req_sent', 'reg_reply_rcvd', 'res_req_sent', 'res_reply_rcvd', 'err_ind_sent', 'err_ind_rcvd'],
  ),
  ike_sa: measurement(['version', 'local', 'remote'], ['state', 'up', 'lifetime_s']),
  ipsec_sa: measurement(
    ['interface', 'local', 'remote'],
    ['pkts_encaps', 'pkts_decaps', 'send_errors', 'recv_errors', 'in_sas', 'out_sas'],
  ),
  crypto_session: measurement(['interface', 'peer'], ['status', 'up']),
  tunnel_if: measurement(
    ['interface'],
    ['admin_up', 'oper_up', 'in_octets', 'out_octets', 'in_errors', 'out_errors', 'last_change_s'],
  ),
  tunnel_event: measurement(['interface', 'peer', 'source'], ['from', 'to']),
  finding: measurement(['rule', 'severity', 'interface', 'peer'], ['active', 'title']),
  collector_poll: measurement(['collector'], ['ok', 'duration_ms', 'error']),
};
