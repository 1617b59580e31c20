// countries-50m TopoJSON (world-atlas, ISC; data: Natural Earth, public domain) -> GeoJSON, cropped to a
// bounding box around Ukraine (countries intersecting it), coordinates rounded to 3 decimals.
const fs = require("fs");
const topojson = require("./topojson-client-3.1.0/package/dist/topojson-client.js")  // from npm pack topojson-client@3.1.0;
const topo = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const [W, S, E, N] = [5, 35, 60, 65];
const fc = topojson.feature(topo, topo.objects.countries);
const round = (c) => (typeof c[0] === "number" ? [Math.round(c[0] * 1000) / 1000, Math.round(c[1] * 1000) / 1000] : c.map(round));
function bbox(coords, b = [180, 90, -180, -90]) {
  if (typeof coords[0] === "number") { b[0] = Math.min(b[0], coords[0]); b[1] = Math.min(b[1], coords[1]); b[2] = Math.max(b[2], coords[0]); b[3] = Math.max(b[3], coords[1]); return b; }
  coords.forEach((c) => bbox(c, b)); return b;
}
const out = { type: "FeatureCollection", features: [] };
for (const f of fc.features) {
  if (!f.geometry) continue;
  const b = bbox(f.geometry.coordinates);
  if (b[2] < W || b[0] > E || b[3] < S || b[1] > N) continue;
  out.features.push({ type: "Feature", properties: { name: f.properties.name }, geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) } });
}
fs.writeFileSync(process.argv[3], JSON.stringify(out));
console.log(out.features.length, "countries");
