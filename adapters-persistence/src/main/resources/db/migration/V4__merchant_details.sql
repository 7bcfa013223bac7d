-- Runs unchanged on H2 2.x (MySQL mode) and MySQL 8 / MariaDB 10.6+.
--
-- Merchant-only columns for the provider API: the business record providers onboard (address, registration
-- number, industry), the provider's own reference for a merchant, and when its trust was last set (lastVerified).

ALTER TABLE participants ADD COLUMN address VARCHAR(500) NULL;
ALTER TABLE participants ADD COLUMN registration_number VARCHAR(500) NULL;
ALTER TABLE participants ADD COLUMN industry VARCHAR(500) NULL;
-- The provider's reference; null for direct merchants and when the provider gave none.
ALTER TABLE participants ADD COLUMN ref VARCHAR(100) NULL;
ALTER TABLE participants ADD COLUMN trust_verified_at DATETIME(6) NULL;

-- A merchant's trust was first set when it was created.
UPDATE participants SET trust_verified_at = created_at WHERE role = 'MERCHANT';

-- A reference names one merchant per provider and mode. Rows without a ref (NULL) never collide.
CREATE UNIQUE INDEX uq_participants_provider_ref ON participants (mode, provider_id, ref);
