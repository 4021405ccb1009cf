import { useI18n } from '../../../i18n';
import { useHosts } from '../api/use-hosts';
import { whereImagesGo } from '../lib/image-destination';

/** Where the photos go: the inference servers the server is set up with, named by kind when there is one kind. */
export function ImageDestinationNote() {
  const { t, format } = useI18n();
  const hosts = useHosts({ poll: false });
  return <>{whereImagesGo(t.app.footer, format.list, hosts.data)}</>;
}
