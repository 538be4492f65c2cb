import type { Kernel } from '../../kernel/kernel.ts';
import type { ModuleDefinition } from '../../kernel/module.ts';
import type { People } from '../admin/index.ts';
import { addDefaultGrants } from '../admin/index.ts';
import type { CustomersModule } from '../customers/index.ts';
import { createProductCatalog } from './catalog.ts';
import { createProductExportService } from './sheets/product-export.service.ts';
import { productSheetRoutes } from './sheets/product-sheets.routes.ts';
import { createProductImportService } from './sheets/product-import.service.ts';
import { priceListRoutes } from './price-lists/price-lists.routes.ts';
import { createPriceListService, type CustomerPricingProfile } from './price-lists/price-lists.service.ts';
import { PRODUCT_GRANTS } from './products.messages.ts';
import { productRoutes } from './products.routes.ts';
import { seedProducts } from './products.seed.ts';
import { createProductService } from './products.service.ts';

export type { ProductCatalog, ProductSummary, PriceContext } from './catalog.ts';
export type { ProductService } from './products.service.ts';
export type { PriceListService } from './price-lists/price-lists.service.ts';
export { canSeeProductField, listMarginPercent, productFieldAccess } from './product-dto.ts';
export { entryPrice } from './price-lists/price-resolution.ts';
export { cellValue, type CellValue } from './sheets/product-sheet.ts';

/** Products (产品目录) and price lists (价目表): the catalogue, its categories, import/export, and price resolution. */
export function createProductsModule(k: Kernel, deps: { people: People; customers: Pick<CustomersModule, 'customers'> }) {
  addDefaultGrants(PRODUCT_GRANTS);
  const catalog = createProductCatalog();
  const products = createProductService({ db: k.db, clock: k.clock, people: deps.people });
  const customerProfile: CustomerPricingProfile = async (actor, customerId) => {
    // The customer must be in the actor's scope (404 otherwise), as for any read of it.
    const { customer } = await deps.customers.customers.get(actor, customerId);
    return { name: customer.name, grade: customer.grade, province: customer.province };
  };
  const priceLists = createPriceListService({ db: k.db, clock: k.clock, people: deps.people, catalog, customerProfile });
  const exports = createProductExportService({ db: k.db, clock: k.clock });
  const imports = createProductImportService({ db: k.db, clock: k.clock });
  const module: ModuleDefinition = {
    name: 'products',
    routes: productRoutes({
      products,
      sheets: productSheetRoutes({ exports, imports }),
      priceLists: priceListRoutes({ priceLists }),
    }),
    seed: () => seedProducts({ db: k.db, clock: k.clock, demo: k.config.demo.enabled }),
  };
  return {
    module,
    /** For other modules: `catalog.findByIds(db, ids)` and `catalog.resolvePrices(db, { grade, province, date }, ids)`; `db` may be their transaction. */
    catalog,
    products,
    priceLists,
  };
}
export type ProductsModule = ReturnType<typeof createProductsModule>;
