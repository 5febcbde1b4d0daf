// The baseline of bench/endpoint-router: a bare node:http server that scores one ONNX model with
// onnxruntime-node directly. The same JSON in and out as the studio's scoring URL ({"data": rows} in,
// every output by name as nested arrays out), with nothing else: no key, no routing, no counters.
//   node bench/lib/direct-onnx-server.mjs <model.onnx>   (prints the port it listens on)
import { createServer } from "node:http";
import * as ort from "onnxruntime-node";

// The session options of the studio's scorer (server/runtime/scoring/onnx-scorer.ts): thread pools that do not spin.
const session = await ort.InferenceSession.create(process.argv[2], {
  extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } },
});
const input = session.inputNames[0];

function nest(data, dims) {
  if (dims.length <= 1) return Array.from(data);
  const [rows, ...rest] = dims;
  const size = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: rows }, (_, i) => nest(data.subarray(i * size, (i + 1) * size), rest));
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    try {
      const rows = JSON.parse(Buffer.concat(chunks).toString("utf8")).data;
      const tensor = new ort.Tensor("float32", Float32Array.from(rows.flat()), [rows.length, rows[0].length]);
      const results = await session.run({ [input]: tensor });
      const body = JSON.stringify(
        Object.fromEntries(Object.entries(results).map(([name, t]) => [name, nest(t.data, t.dims)])),
      );
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    } catch (error) {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: String(error) }));
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
