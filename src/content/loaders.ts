import type { DataSource } from "typeorm";
import { manyBy, oneBy } from "../core/loaders";
import { PointOfSale } from "./point-of-sale.entity";
import { ProductImage } from "./product-image.entity";

/** A page's photos and points of sale: one statement each, however many products it shows. */
export const createContentLoaders = (dataSource: DataSource) => ({
  imagesByProduct: manyBy<ProductImage, number>(dataSource.manager, ProductImage, "productId"),
  pointsOfSaleByProduct: manyBy<PointOfSale, number>(dataSource.manager, PointOfSale, "productId"),
  /** By id, for node(id:). */
  image: oneBy<ProductImage, number>(dataSource.manager, ProductImage, "id"),
  pointOfSale: oneBy<PointOfSale, number>(dataSource.manager, PointOfSale, "id"),
});

/** In the product's order (the loaders answer in id order). */
export const inPosition = <T extends { position: number }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => a.position - b.position);
