import { describe } from "node:test";
import { WEBGPU_SKIP } from "../backend/webgpu-available";
import { conformanceTests } from "./conformance";

describe("webgpu", { skip: WEBGPU_SKIP }, () => conformanceTests("webgpu"));
