// Set by scripts/server.ts (`npm start`) on every request, from the socket: the address the
// request really came from. Trusted only when that server set CRM_PEER_ADDRESS in this process.
export const PEER_ADDRESS_HEADER = "x-crm-peer-address";
export const peerAddressStamped = () => process.env.CRM_PEER_ADDRESS === "1";
