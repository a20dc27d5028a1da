import { IsDefined, IsOptional, IsString } from 'class-validator';
import { NumericString } from '../validation.js';

/**
 * Key stores (KmsClient CreateKeyStore, ShowKeyStore, ListKeyStores, EnableKeyStore,
 * DisableKeyStore, DeleteKeyStore). Only types and presence here: the alias, instance and CA
 * rules live in the domain (docs/api-decisions.md, "Key stores").
 */
export class CreateKeyStoreRequest {
  @IsDefined() @IsString() keystore_alias!: string;
  @IsDefined() @IsString() hsm_cluster_id!: string;
  @IsOptional() @IsString() hsm_ca_cert?: string;
}

export class KeyStoreIdRequest {
  @IsDefined() @IsString() keystore_id!: string;
}

export class ListKeyStoresRequest {
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() offset?: string;
}

/** KeystoreInfo: create-key-store's answer. */
export interface KeystoreInfo {
  readonly keystore_id: string;
  readonly domain_id: string;
}

/** KeystoreDetails: show and list. */
export interface KeystoreDetails extends KeystoreInfo {
  readonly keystore_alias: string;
  /** "1": a Dedicated HSM instance (Huawei's create-key-store `keystore_type`). */
  readonly keystore_type: string;
  readonly hsm_cluster_id: string;
  /** Milliseconds since the epoch, as a string (Huawei's time fields). */
  readonly create_time: string;
}

/** KeyStoreStateInfo: enable and disable. */
export interface KeyStoreStateInfo {
  readonly keystore_id: string;
  /** ENABLED or DISABLED. */
  readonly keystore_state: string;
}

export interface CreateKeyStoreReply {
  readonly keystore: KeystoreInfo;
}
export interface ShowKeyStoreReply {
  readonly keystore: KeystoreDetails;
}
export interface ListKeyStoresReply {
  readonly total: number;
  readonly keystores: readonly KeystoreDetails[];
}
export interface KeyStoreStateReply {
  readonly keystore: KeyStoreStateInfo;
}
