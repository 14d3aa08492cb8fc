/**
 * Child process for the kill-mid-write test: replaces FILE with SIZE bytes of value VALUE through
 * writeFileAtomic. With HANG=1 the write stops halfway and waits for the parent's SIGKILL.
 */
import { writeFileAtomic } from "../../src/io/atomic-write";
import { hangHalfwayThroughWrite } from "./hang-mid-write";

const [file, size, value] = process.argv.slice(2);
if (process.env.HANG === "1") hangHalfwayThroughWrite((f) => f.startsWith(`${file}.tmp-`), 1);
writeFileAtomic(file, new Uint8Array(Number(size)).fill(Number(value)));
process.stdout.write("WRITTEN\n");
