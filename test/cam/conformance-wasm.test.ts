import { conformanceTests } from "./conformance";

conformanceTests("wasm");
