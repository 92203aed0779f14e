import { AuditEvent } from "../audit/audit-event.entity";
import { LoginFailure, User } from "../auth/user.entity";
import { Category } from "../catalog/category.entity";
import { Producer } from "../catalog/producer.entity";
import { Product, ProductSearchToken } from "../catalog/product.entity";
import { Certificate } from "../certificates/certificate.entity";
import { Commune, Province } from "../geography/commune.entity";

/** Every entity the data source knows. */
export const entities = [Province, Commune, Category, Producer, Product, ProductSearchToken, Certificate, User, LoginFailure, AuditEvent];
