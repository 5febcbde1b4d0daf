import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Lets a second build live beside the first (parallel test runs, benchmarks): STUDIO_DIST_DIR=.next-bench
  distDir: process.env.STUDIO_DIST_DIR || ".next",
  serverExternalPackages: ["better-sqlite3", "pg", "onnxruntime-node"],
  poweredByHeader: false,
  experimental: {
    // Server actions carry small forms only; files go through the streaming upload route.
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
