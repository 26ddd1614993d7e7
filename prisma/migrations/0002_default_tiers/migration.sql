-- The tiers a fresh installation offers. Admins may change or retire them later.
INSERT INTO "quota_tiers" ("id", "slug", "name", "description", "hard", "approvals_required", "lifetime_days") VALUES
  (gen_random_uuid(), 'small-cpu', 'Small (CPU)', 'Exploration and notebooks: 2 cores, 8 GiB, no GPU.',
   '{"requests.cpu": "2", "limits.cpu": "4", "requests.memory": "8Gi", "limits.memory": "16Gi", "pods": "10", "persistentvolumeclaims": "5", "requests.storage": "50Gi"}',
   1, 90),
  (gen_random_uuid(), 'standard', 'Standard', 'Team work and pipelines: 8 cores, 32 GiB, no GPU.',
   '{"requests.cpu": "8", "limits.cpu": "16", "requests.memory": "32Gi", "limits.memory": "64Gi", "pods": "40", "persistentvolumeclaims": "20", "requests.storage": "500Gi"}',
   1, 180),
  (gen_random_uuid(), 'gpu', 'GPU', 'Training: 16 cores, 128 GiB and 2 GPUs.',
   '{"requests.cpu": "16", "limits.cpu": "32", "requests.memory": "128Gi", "limits.memory": "256Gi", "requests.nvidia.com/gpu": "2", "pods": "40", "persistentvolumeclaims": "20", "requests.storage": "1Ti"}',
   1, 30);
