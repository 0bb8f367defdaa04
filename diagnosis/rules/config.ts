// Reading the running-config records of a device: its DMVPN tunnel interfaces and the routing over them.

import type { ConfigInterface, EigrpProcess, OspfProcess } from '../../model/records/config.js';
import type { DeviceView, Located } from '../view.js';

/** The tunnel interfaces of a device's running-config that run NHRP (or at least are tunnels). */
export function tunnelConfigs(device: DeviceView): Located<ConfigInterface>[] {
  return device.records<ConfigInterface>('config_interface').filter(({ record }) => record.tunnel !== null);
}

export function dmvpnTunnelConfigs(device: DeviceView): Located<ConfigInterface>[] {
  return tunnelConfigs(device).filter(
    ({ record }) => record.nhrp !== null || record.tunnel?.mode?.includes('multipoint'),
  );
}

export function hasConfig(device: DeviceView): boolean {
  return device.records<ConfigInterface>('config_interface').length > 0;
}

/** The device runs a routing protocol that sends multicast hellos over the tunnel (EIGRP, OSPF). */
export function runsMulticastIgp(device: DeviceView): boolean {
  return (
    device.records<EigrpProcess>('config_router_eigrp').length > 0 ||
    device.records<OspfProcess>('config_router_ospf').length > 0
  );
}

export function configInterface(
  device: DeviceView,
  name: string | null,
): Located<ConfigInterface> | undefined {
  if (!name) return undefined;
  return device.records<ConfigInterface>('config_interface').find(({ record }) => record.name === name);
}
