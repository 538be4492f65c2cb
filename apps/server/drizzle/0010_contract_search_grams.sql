-- The distinct pairs of consecutive characters of some texts, lower-cased and each text on its
-- own (no pair spans two texts), for searches of any term of two or more characters through a GIN
-- index. Built-in functions only: index maintenance runs with a search_path of pg_catalog.
CREATE OR REPLACE FUNCTION crm_search_grams(parts text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(s, i, 2)), '{}')
    FROM unnest(parts) AS u(raw), lower(coalesce(raw, '')) AS s, generate_series(1, length(s) - 1) AS i
$$;--> statement-breakpoint
DROP INDEX "contract_title_trgm_idx";--> statement-breakpoint
DROP INDEX "contract_customer_name_trgm_idx";--> statement-breakpoint
DROP INDEX "contract_number_trgm_idx";--> statement-breakpoint
CREATE INDEX "contract_search_grams_idx" ON "contract" USING gin (crm_search_grams(array["number", "title", "customer_name"]));