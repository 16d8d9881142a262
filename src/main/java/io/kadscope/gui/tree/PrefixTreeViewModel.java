package io.kadscope.gui.tree;

import io.kadscope.gui.common.BucketSelection;
import io.kadscope.gui.common.SnapshotCache;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The tree view's content: the layout of the latest snapshot and the picked bucket. */
public final class PrefixTreeViewModel {
  private final BucketSelection selection;
  private final ObjectProperty<PrefixTreeLayout> layout = new SimpleObjectProperty<>();

  public PrefixTreeViewModel(SnapshotCache snapshots, BucketSelection selection) {
    this.selection = selection;
    snapshots.routingProperty().addListener((o, a, s) -> layout.set(PrefixTreeLayout.of(s)));
    if (snapshots.routingProperty().get() != null) {
      layout.set(PrefixTreeLayout.of(snapshots.routingProperty().get()));
    }
  }

  public ReadOnlyObjectProperty<PrefixTreeLayout> layoutProperty() {
    return layout;
  }

  /** The picked bucket's prefix bits, shared with the ring and the bucket list. */
  public ObjectProperty<String> selectedBucketProperty() {
    return selection.pickedProperty();
  }

  /** Picks a bucket by its prefix bits (null clears). */
  public void select(String key) {
    selection.pickedProperty().set(key);
  }
}
