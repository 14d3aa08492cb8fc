export { CLAIMS, type Claim, type Direction } from "./claims";
export { claimVerdict, claimsLedger, evidenceFor, type ClaimVerdict, type Evidence, type Verdict } from "./verdict";
