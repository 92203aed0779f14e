import { FieldResolver, Resolver, Root } from "type-graphql";
import { StoredFile } from "./stored-file.entity";

@Resolver(() => StoredFile)
export class StoredFileResolver {
  @FieldResolver(() => String, {
    description:
      "Where to download it (GET, with the same Authorization header), relative to the API's address.",
  })
  downloadUrl(@Root() file: StoredFile): string {
    return `/files/${file.id}`;
  }
}
