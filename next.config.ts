import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // server.ts hosts Next.js; these packages must stay real Node modules, not bundled copies.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "bullmq", "ioredis", "@socket.io/redis-emitter"],
  poweredByHeader: false,
  // Pages prerender their static frame; what depends on the request streams in behind Suspense.
  cacheComponents: true,
  partialPrefetching: false,
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }, { key: "Referrer-Policy", value: "same-origin" }] }];
  },
};

export default nextConfig;
