import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY } from "./lib/csp";

// Sent with every answer; pages also get their nonce-based Content-Security-Policy from proxy.ts.
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  // Lets a second build live beside the first (parallel test runs, benchmarks): STUDIO_DIST_DIR=.next-bench
  distDir: process.env.STUDIO_DIST_DIR || ".next",
  serverExternalPackages: ["better-sqlite3", "pg", "onnxruntime-node"],
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
      { source: "/mlflow/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
  experimental: {
    // Server actions carry small forms only; files go through the streaming upload route.
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
