import { AssociateKeypairController } from './binding/associate-keypair.controller.js';
import { BatchAssociateKeypairController } from './binding/batch-associate-keypair.controller.js';
import { DisassociateKeypairController } from './binding/disassociate-keypair.controller.js';
import { BatchImportKeypairsController } from './keypairs/batch-import-keypairs.controller.js';
import { CreateKeypairController } from './keypairs/create-keypair.controller.js';
import { DeleteKeypairController } from './keypairs/delete-keypair.controller.js';
import { KeyDependentsController } from './keypairs/key-dependents.controller.js';
import { ListKeypairsController } from './keypairs/list-keypairs.controller.js';
import { ShowKeypairController } from './keypairs/show-keypair.controller.js';
import { UpdateKeypairController } from './keypairs/update-keypair.controller.js';
import { BatchExportPrivateKeysController } from './private-keys/batch-export-private-keys.controller.js';
import { ClearPrivateKeyController } from './private-keys/clear-private-key.controller.js';
import { ExportPrivateKeyController } from './private-keys/export-private-key.controller.js';
import { ImportPrivateKeyController } from './private-keys/import-private-key.controller.js';
import { CreateServerController } from './servers/create-server.controller.js';
import { DeleteServerController } from './servers/delete-server.controller.js';
import { ListServersController } from './servers/list-servers.controller.js';
import { ShowServerController } from './servers/show-server.controller.js';
import { ShowWindowsPasswordController } from './servers/show-windows-password.controller.js';
import { UpdateServerController } from './servers/update-server.controller.js';
import { DeleteAllFailedTasksController } from './tasks/delete-all-failed-tasks.controller.js';
import { DeleteFailedTaskController } from './tasks/delete-failed-task.controller.js';
import { ListFailedTasksController } from './tasks/list-failed-tasks.controller.js';
import { ListRunningTasksController } from './tasks/list-running-tasks.controller.js';
import { ShowTaskController } from './tasks/show-task.controller.js';

/** One controller per served row of the kps table (kps.module.unit.spec.ts checks none is missing). */
export const KPS_CONTROLLERS = [
  CreateKeypairController, BatchImportKeypairsController, ListKeypairsController, ShowKeypairController, UpdateKeypairController, DeleteKeypairController,
  ImportPrivateKeyController, ExportPrivateKeyController, BatchExportPrivateKeysController, ClearPrivateKeyController, KeyDependentsController,
  AssociateKeypairController, BatchAssociateKeypairController, DisassociateKeypairController,
  ShowTaskController, ListRunningTasksController, ListFailedTasksController, DeleteFailedTaskController, DeleteAllFailedTasksController,
  CreateServerController, ListServersController, ShowServerController, UpdateServerController, DeleteServerController, ShowWindowsPasswordController,
];
