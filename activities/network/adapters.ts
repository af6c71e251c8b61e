/**
 * One interface per network system the provisioning stage drives. Operators plug in their own
 * implementations (OSS/BSS, switch, SMS gateway APIs); `simulator.ts` implements them in memory for
 * tests, the demo and lifecycle simulation. Every call carries an idempotency key, so a retried
 * activity never configures the network twice.
 */
export interface NumberPlatform {
  /** Route a service number (95/96, 400, display, SMS access) to the customer's destinations. */
  activateNumber(req: {
    key: string;
    contractNo: string;
    number: string;
    destinations?: string[];
  }): Promise<void>;
  suspendNumber(req: { key: string; contractNo: string; number: string }): Promise<void>;
  resumeNumber(req: { key: string; contractNo: string; number: string }): Promise<void>;
  deactivateNumber(req: { key: string; contractNo: string; number: string }): Promise<void>;
}

export interface TransportNetwork {
  /** Configure a dedicated line / VPN circuit with its bandwidth. Closed ports stay closed. */
  configureCircuit(req: {
    key: string;
    contractNo: string;
    circuitId: string;
    bandwidthUpMbps: number;
    bandwidthDownMbps: number;
    closedPorts: number[];
  }): Promise<void>;
  openPorts(req: { key: string; contractNo: string; circuitId: string; ports: number[] }): Promise<void>;
  setCircuitAdminState(req: {
    key: string;
    contractNo: string;
    circuitId: string;
    up: boolean;
  }): Promise<void>;
}

export interface SmsGateway {
  /** Open an SMS access number (port) bound to the enterprise code. */
  openPort(req: {
    key: string;
    contractNo: string;
    accessNumber: string;
    enterpriseCode: string;
  }): Promise<void>;
  blockPort(req: { key: string; contractNo: string; accessNumber: string; blocked: boolean }): Promise<void>;
}

export interface CallCenterPlatform {
  /** Create seats and robots on the cloud call-centre platform. */
  provisionTenant(req: { key: string; contractNo: string; seats: number; robots: number }): Promise<void>;
  setTenantState(req: { key: string; contractNo: string; active: boolean }): Promise<void>;
}

export interface NetworkAdapters {
  numbers: NumberPlatform;
  transport: TransportNetwork;
  sms: SmsGateway;
  callCenter: CallCenterPlatform;
}
