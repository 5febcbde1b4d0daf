import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["better-sqlite3", "pg"],
  poweredByHeader: false,
  experimental: {
    // Server actions carry small forms only; files go through the streaming upload route.
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
