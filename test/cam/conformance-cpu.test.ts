import { conformanceTests } from "./conformance";

conformanceTests("cpu");
