package io.kadscope.gui.tree;

import io.kadscope.gui.common.NodeModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The tree view's content: the layout of the latest snapshot and the picked bucket. */
public final class PrefixTreeViewModel {
  private final NodeModel model;
  private final ObjectProperty<PrefixTreeLayout> layout = new SimpleObjectProperty<>();

  public PrefixTreeViewModel(NodeModel model) {
    this.model = model;
    model.routingProperty().addListener((o, a, s) -> layout.set(PrefixTreeLayout.of(s)));
    if (model.routingProperty().get() != null) {
      layout.set(PrefixTreeLayout.of(model.routingProperty().get()));
    }
  }

  public ReadOnlyObjectProperty<PrefixTreeLayout> layoutProperty() {
    return layout;
  }

  /** The picked bucket's prefix bits, shared with the ring and the bucket list. */
  public ObjectProperty<String> selectedBucketProperty() {
    return model.selectedBucketProperty();
  }

  /** Picks a bucket by its prefix bits (null clears). */
  public void select(String key) {
    model.selectedBucketProperty().set(key);
  }
}
